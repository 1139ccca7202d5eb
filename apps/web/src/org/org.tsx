/** The org tree (city → township → village) from GET /api/v1/org-units, with lookups every page needs. */
import { useAuth } from '../auth/auth';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { get } from '../api/client';

export type OrgLevel = 'city' | 'township' | 'village';

export interface OrgUnit {
  readonly id: string;
  readonly name: string;
  readonly level: OrgLevel;
  readonly parentId: string | null;
  readonly status: string;
  readonly code?: string | null;
  readonly children: OrgUnit[];
}

interface Org {
  readonly loading: boolean;
  readonly error: unknown;
  readonly roots: OrgUnit[];
  readonly units: ReadonlyMap<string, OrgUnit>;
  name(id: string | null | undefined): string;
  /** 云川市 / 青石镇 / 上湾村 */
  path(id: string | null | undefined): string;
  /** The unit and everything under it. */
  subtree(id: string): Set<string>;
  reload(): void;
}

const OrgContext = createContext<Org | null>(null);

export function OrgProvider({ children }: { children: ReactNode }) {
  const [roots, setRoots] = useState<OrgUnit[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  // The tree needs a signed-in caller: loaded once someone is, again for the next one.
  const { user } = useAuth();
  useEffect(() => {
    if (!user) return;
    const ac = new AbortController();
    setLoading(true);
    get<{ items: OrgUnit[] }>('/api/v1/org-units', undefined, ac.signal)
      .then((r) => {
        setRoots(r.items ?? []);
        setError(null);
      })
      .catch((e) => {
        if (!ac.signal.aborted) setError(e);
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [tick, user?.id]);

  const value = useMemo<Org>(() => {
    const units = new Map<string, OrgUnit>();
    const walk = (u: OrgUnit) => {
      units.set(u.id, u);
      u.children?.forEach(walk);
    };
    roots.forEach(walk);
    const name = (id: string | null | undefined) => (id ? (units.get(id)?.name ?? id.slice(0, 8)) : '');
    const path = (id: string | null | undefined) => {
      const parts: string[] = [];
      let u = id ? units.get(id) : undefined;
      while (u) {
        parts.unshift(u.name);
        u = u.parentId ? units.get(u.parentId) : undefined;
      }
      return parts.join(' / ') || (id ? id.slice(0, 8) : '');
    };
    const subtree = (id: string) => {
      const out = new Set<string>();
      const add = (u: OrgUnit | undefined) => {
        if (!u) return;
        out.add(u.id);
        u.children?.forEach(add);
      };
      add(units.get(id));
      return out;
    };
    return { loading, error, roots, units, name, path, subtree, reload: () => setTick((n) => n + 1) };
  }, [roots, loading, error]);

  return <OrgContext.Provider value={value}>{children}</OrgContext.Provider>;
}

export function useOrg(): Org {
  const ctx = useContext(OrgContext);
  if (!ctx) throw new Error('useOrg outside OrgProvider');
  return ctx;
}

/** Tree data for antd Tree / TreeSelect. */
export function treeData(roots: OrgUnit[], selectable?: (u: OrgUnit) => boolean): any[] {
  const map = (u: OrgUnit): any => ({
    title: u.name,
    value: u.id,
    key: u.id,
    level: u.level,
    selectable: selectable ? selectable(u) : true,
    disabled: u.status === 'closed',
    children: (u.children ?? []).map(map),
  });
  return roots.map(map);
}
