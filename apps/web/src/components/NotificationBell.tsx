import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { get, request } from '../api/client';
import { openLive } from '../api/live';
import { useI18n } from '../i18n/i18n';

/** One notification as `GET /api/v1/notifications` answers it. */
interface Notice {
  readonly id: string;
  readonly kind: 'assigned' | 'supervised' | 'overdue' | 'visit-due';
  readonly recipientType: 'user' | 'unit';
  readonly recordType: 'work-order' | 'mediation' | 'hotline-call';
  readonly recordId: string;
  readonly reason: string | null;
  readonly at: string;
  readonly position: number;
  readonly read: boolean;
}

const WORDS = {
  zh: {
    title: '通知',
    empty: '暂无通知',
    markRead: '标为已读',
    assigned: { user: '分派给你', unit: '分派给本单位' },
    supervised: '督办',
    overdue: '已超时',
    'visit-due': '待回访',
    'work-order': '工单',
    mediation: '调解案件',
    'hotline-call': '来电回拨',
  },
  en: {
    title: 'Notifications',
    empty: 'No notifications',
    markRead: 'Mark read',
    assigned: { user: 'Assigned to you', unit: 'Assigned to your unit' },
    supervised: 'Supervised',
    overdue: 'Overdue',
    'visit-due': 'Visit due',
    'work-order': 'Work order',
    mediation: 'Mediation',
    'hotline-call': 'Callback',
  },
} as const;

const COLLECTION: Record<Notice['recordType'], string> = { 'work-order': 'work-orders', mediation: 'mediations', 'hotline-call': 'hotline-calls' };
const COLOR: Record<Notice['kind'], string> = { assigned: 'blue', supervised: 'red', overdue: 'volcano', 'visit-due': 'gold' };

/**
 * The header's bell: the unread count of the signed-in user's notifications
 * (their own and their unit's), the latest in a popover, kept current by the
 * live stream (`GET /api/v1/notifications/live`).
 */
export function NotificationBell({ color }: { color?: string }) {
  const { lang } = useI18n();
  const words = WORDS[lang === 'en' ? 'en' : 'zh'];
  const [items, setItems] = useState<Notice[]>([]);
  const [unread, setUnread] = useState(0);

  const load = useCallback(async () => {
    try {
      const answer = await get<{ items: Notice[]; unread: number }>('/api/v1/notifications', { limit: 20 });
      setItems(answer.items);
      setUnread(answer.unread);
    } catch {
      // The bell stays as it was; the live stream retries on its own.
    }
  }, []);

  useEffect(() => {
    void load();
    return openLive(
      '/api/v1/notifications/live',
      (data) => {
        const message = JSON.parse(data) as { unread: number; notifications: Notice[] };
        setUnread(message.unread);
        if (message.notifications.length > 0) {
          setItems((current) => {
            const fresh = message.notifications.filter((n) => !current.some((c) => c.id === n.id));
            return [...fresh, ...current].sort((a, b) => b.position - a.position).slice(0, 20);
          });
        }
      },
      () => undefined,
    );
  }, [load]);

  const markRead = async (notice: Notice) => {
    try {
      const answer = await request<{ unread: number }>('POST', `/api/v1/notifications/${notice.id}/read`, { body: {} });
      setUnread(answer.body.unread);
      setItems((current) => current.map((n) => (n.id === notice.id ? { ...n, read: true } : n)));
    } catch {
      // Left unread; the next load shows the truth.
    }
  };

  const what = (n: Notice) => (n.kind === 'assigned' ? words.assigned[n.recipientType] : words[n.kind]);
  const list = (
    <div style={{ width: 340, maxHeight: 420, overflowY: 'auto' }} data-testid="notification-list">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={words.empty} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              data-testid="notification"
              style={{ opacity: n.read ? 0.6 : 1 }}
              actions={n.read ? [] : [<Button key="read" size="small" type="link" onClick={() => void markRead(n)} data-testid="notification-read">{words.markRead}</Button>]}
            >
              <Space direction="vertical" size={0}>
                <Space size={4}>
                  <Tag color={COLOR[n.kind]}>{what(n)}</Tag>
                  <Link to={`/records/${COLLECTION[n.recordType]}/${n.recordId}`} onClick={() => void (n.read ? undefined : markRead(n))}>
                    {words[n.recordType]} {n.recordId.slice(0, 8)}
                  </Link>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {new Date(n.at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover content={list} title={words.title} trigger="click" placement="bottomRight" onOpenChange={(open) => open && void load()}>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button size="small" type="text" icon={<BellOutlined />} style={{ color }} aria-label={words.title} title={words.title} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
