import type { DataSource } from 'typeorm';

export interface OrgTreeNode {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
  status: string;
  code: string | null;
  children: OrgTreeNode[];
}

interface Row {
  id: string;
  name: string;
  level: string;
  parent_id: string | null;
  status: string;
  code: string | null;
  path: string;
}

const LEVEL_ORDER: Record<string, number> = { city: 0, township: 1, village: 2 };

/** `GET /api/v1/org-units`: every tree (several cities may exist), children sorted by level then name. */
export async function orgTree(db: DataSource): Promise<OrgTreeNode[]> {
  const rows = await db
    .createQueryBuilder()
    .select(['u.id AS id', 'u.name AS name', 'u.level AS level', 'u.parent_id AS parent_id', 'u.status AS status', 'u.code AS code', 'u.path AS path'])
    .from('org_units', 'u')
    .getRawMany<Row>();
  const nodes = new Map<string, OrgTreeNode>(
    rows.map((r) => [r.id, { id: r.id, name: r.name, level: r.level, parentId: r.parent_id, status: r.status, code: r.code, children: [] }]),
  );
  const roots: OrgTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: OrgTreeNode[]) => {
    list.sort((a, b) => (LEVEL_ORDER[a.level]! - LEVEL_ORDER[b.level]!) || (a.code ?? a.name).localeCompare(b.code ?? b.name, 'zh-CN'));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Ids of a unit and everything below it, as the tree stands now. */
export async function subtreeIds(db: DataSource, orgUnitId: string): Promise<string[] | null> {
  const own = await db.createQueryBuilder().select('u.path', 'path').from('org_units', 'u').where('u.id = :id', { id: orgUnitId }).getRawOne<{ path: string }>();
  if (!own) return null;
  const rows = await db
    .createQueryBuilder()
    .select('u.id', 'id')
    .from('org_units', 'u')
    .where('u.path LIKE :prefix', { prefix: `${own.path}%` })
    .getRawMany<{ id: string }>();
  return rows.map((r) => r.id);
}
