import type { Database } from '../../platform/db/kysely.ts';
import type { NodeRef } from './domain/merkle-tree.ts';
import type { TreeHead } from './domain/tree-head.ts';

// The Merkle tree's tables: signed heads and the roots of perfect subtrees (migration 0012).

type HeadRow = {
  tree_size: number | string;
  root_hash: string;
  signed_at: string;
  previous_size: number | string | null;
  previous_root: string | null;
  key_id: string;
  signature: string;
};

function toHead(row: HeadRow): TreeHead {
  return {
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    signedAt: row.signed_at,
    previous:
      row.previous_size === null || row.previous_root === null
        ? null
        : { treeSize: Number(row.previous_size), rootHash: row.previous_root },
    keyId: row.key_id,
    signature: row.signature,
  };
}

export async function insertHead(trx: Database, head: TreeHead): Promise<void> {
  await trx
    .insertInto('audit_tree_head')
    .values({
      tree_size: head.treeSize,
      root_hash: head.rootHash,
      signed_at: head.signedAt,
      previous_size: head.previous?.treeSize ?? null,
      previous_root: head.previous?.rootHash ?? null,
      key_id: head.keyId,
      signature: head.signature,
    })
    .execute();
}

/** The newest signed head, or null before the first. */
export async function latestHead(db: Database): Promise<TreeHead | null> {
  const row = await db
    .selectFrom('audit_tree_head')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toHead(row) : null;
}

export async function findHead(db: Database, treeSize: number): Promise<TreeHead | null> {
  const row = await db
    .selectFrom('audit_tree_head')
    .selectAll()
    .where('tree_size', '=', treeSize)
    .executeTakeFirst();
  return row ? toHead(row) : null;
}

/** Every signed head, smallest first. */
export async function findHeads(db: Database): Promise<TreeHead[]> {
  const rows = await db.selectFrom('audit_tree_head').selectAll().orderBy('tree_size').execute();
  return rows.map(toHead);
}

const nodeKey = (level: number, index: number) => `${level}:${index}`;

/** The stored subtree roots among `refs`, by `level:index`. */
export async function findNodes(
  db: Database,
  refs: readonly NodeRef[],
): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  if (refs.length === 0) return found;
  const rows = await db
    .selectFrom('audit_tree_node')
    .select(['level', 'node_index', 'hash'])
    .where((eb) =>
      eb.or(
        refs.map((ref) => eb.and([eb('level', '=', ref.level), eb('node_index', '=', ref.index)])),
      ),
    )
    .execute();
  for (const row of rows)
    found.set(nodeKey(Number(row.level), Number(row.node_index)), Buffer.from(row.hash, 'hex'));
  return found;
}

export { nodeKey };

export async function insertNodes(
  trx: Database,
  nodes: ReadonlyArray<NodeRef & { hash: Buffer }>,
): Promise<void> {
  for (let at = 0; at < nodes.length; at += 1_000) {
    await trx
      .insertInto('audit_tree_node')
      .values(
        nodes.slice(at, at + 1_000).map((node) => ({
          level: node.level,
          node_index: node.index,
          hash: node.hash.toString('hex'),
        })),
      )
      .execute();
  }
}
