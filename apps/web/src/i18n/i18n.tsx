import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { DISPUTE_CATEGORIES } from '@pls/reference';
import { en } from './en';
import { zh } from './zh';

export type Lang = 'zh' | 'en';
export type Translate = (key: string, vars?: Record<string, string | number | null | undefined>) => string;

const DICTS: Record<Lang, Record<string, string>> = { zh, en };
const STORAGE_KEY = 'pls.lang';

function format(template: string, vars?: Record<string, string | number | null | undefined>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (vars[name] == null ? '' : String(vars[name])));
}

export function translator(lang: Lang): Translate {
  const dict = DICTS[lang];
  return (key, vars) => format(dict[key] ?? zh[key] ?? key, vars);
}

interface I18n {
  readonly lang: Lang;
  readonly t: Translate;
  setLang(lang: Lang): void;
  /** A code's label: `label('category', '02')` → 邻里 / Neighbours; unknown codes show as themselves. */
  label(kind: string, code: string | null | undefined): string;
  category(code: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const url = new URLSearchParams(window.location.search).get('lang');
  if (url === 'en' || url === 'zh') return url;
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    window.localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const t = translator(lang);
    const category = (code: string | null | undefined) => {
      if (!code) return t('common.none');
      const c = DISPUTE_CATEGORIES.find((x) => x.code === code.slice(0, 2));
      return c ? (lang === 'zh' ? c.zh : c.en) : code;
    };
    const label = (kind: string, code: string | null | undefined) => {
      if (code == null || code === '') return t('common.none');
      if (kind === 'category') return category(code);
      if (kind.startsWith('status:')) {
        const specific = `status.${kind.slice(7)}.${code}`;
        const hit = DICTS[lang][specific] ?? zh[specific];
        if (hit) return hit;
        kind = 'status';
      }
      const key = `${kind}.${code}`;
      const found = DICTS[lang][key] ?? zh[key];
      return found ?? code;
    };
    return { lang, t, setLang, label, category };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
