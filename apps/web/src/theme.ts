import type { ThemeConfig } from 'antd';

/** Government service-desk look: navy and restrained, dense tables, CJK-first type. */
export const FONT_STACK =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4f91',
    colorInfo: '#1d4f91',
    colorSuccess: '#2f7d32',
    colorWarning: '#c77700',
    colorError: '#c62828',
    colorLink: '#1d4f91',
    borderRadius: 4,
    fontFamily: FONT_STACK,
    fontSize: 14,
    colorBgLayout: '#f2f4f7',
    colorTextBase: '#1f2329',
  },
  components: {
    Layout: { headerBg: '#0f2f5c', headerHeight: 52, headerPadding: '0 16px', siderBg: '#ffffff' },
    Menu: { darkItemBg: '#0f2f5c', darkItemSelectedBg: '#1d4f91', horizontalLineHeight: '52px' },
    Table: { cellPaddingBlockSM: 6, cellPaddingInlineSM: 8, headerBg: '#f5f7fa' },
    Card: { headerFontSize: 15 },
    Statistic: { contentFontSize: 26 },
  },
};
