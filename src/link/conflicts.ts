import type { LinkItem, LinkWrite, Store } from '../store/store.js';
export async function assignQuantities(_store: Store, _item: LinkItem): Promise<LinkWrite['quantities']> { return { created: [], members: [] }; }
export async function refreshGroup(_store: Store, _id: string): Promise<void> {}
