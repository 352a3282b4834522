import type { LinkItem, LinkWrite, Store } from '../store/store.js';
export async function assignStatements(_store: Store, _item: LinkItem): Promise<LinkWrite['statements']> { return { created: [], reports: [] }; }
export async function refreshStatement(_store: Store, _id: string): Promise<void> {}
