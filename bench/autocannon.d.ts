// autocannon ships no types; the bench uses run(options) → result with latency percentiles and counts.
declare module 'autocannon' {
  const autocannon: (options: Record<string, unknown>) => Promise<any> & { stop?: () => void };
  export default autocannon;
}
