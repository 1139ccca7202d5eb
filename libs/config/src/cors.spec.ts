import { ConfigError, loadConfig } from './config';
import { loadCorsOrigins } from './cors';

describe('PLS_CORS_ORIGINS', () => {
  it('is empty by default: same-origin only', () => {
    expect(loadCorsOrigins(undefined)).toEqual([]);
    expect(loadCorsOrigins(' ')).toEqual([]);
    expect(loadConfig({}).corsOrigins).toEqual([]);
  });

  it('takes a comma-separated list of origins', () => {
    expect(loadCorsOrigins('https://desk.example.gov.cn, http://localhost:5173,https://desk.example.gov.cn')).toEqual([
      'https://desk.example.gov.cn',
      'http://localhost:5173',
    ]);
  });

  it.each(['*', 'desk.example.gov.cn', 'https://desk.example.gov.cn/', 'https://desk.example.gov.cn/app', 'ftp://desk.example.gov.cn', 'null'])(
    'refuses %s in one line naming the variable',
    (value) => {
      expect(() => loadCorsOrigins(value)).toThrow(ConfigError);
      expect(() => loadConfig({ PLS_CORS_ORIGINS: value })).toThrow(/^PLS_CORS_ORIGINS: /);
    },
  );
});
