/**
 * Sending a command from a form: validate with the API's schema first, send
 * with one Idempotency-Key across automatic retries (and across the user's
 * own "try again" after a lost connection), put the API's field errors on the
 * fields, and on a stale version show what changed before retrying.
 */
import { Alert, Button, Descriptions, Modal, Space, Tag, Timeline, type FormInstance } from 'antd';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { ApiError, NetworkError, command, readHistory, readRecord, uuid, type FieldError, type HistoryEvent, type Written } from '../api/client';
import { validateBody } from '../api/validation';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { formatInstant } from '../lib/dates';
import { useOrg } from '../org/org';
import { describeActor, describeEvent, type Words } from '../records/describe';
import { formatValue, stateFieldLabel } from '../records/fields';

export interface CommandSpec {
  readonly collection: string;
  /** null for a create. */
  readonly action: string | null;
  readonly id?: string;
  readonly body: Record<string, unknown>;
  /** The version the user is looking at (transitions): sent as If-Match. */
  readonly ifMatch?: number;
  /** The state the user saw, for the "what changed" view of a conflict. */
  readonly seen?: Record<string, unknown> | null;
}

export interface CommandState {
  readonly busy: boolean;
  readonly retrying: string | null;
  /** Problems that belong to no field on the form. */
  readonly problem: ReactNode;
}

/** API field `parties[1].personId` → antd name path ['parties', 1, 'personId']. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function useWords(): Words {
  const { t, label } = useI18n();
  const org = useOrg();
  return { t, label, unit: (id) => org.name(id) };
}

export function useCommand(form?: FormInstance, options: { fieldMap?: (apiField: string) => (string | number)[] | null } = {}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [retrying, setRetrying] = useState<string | null>(null);
  const [problem, setProblem] = useState<ReactNode>(null);
  const [conflict, setConflict] = useState<null | {
    spec: CommandSpec;
    current: Record<string, unknown> & { version: number };
    events: HistoryEvent[];
    resolve: (retry: boolean) => void;
  }>(null);
  // After a lost connection, the same request again keeps its key: if the first one did land, nothing is written twice.
  const pending = useRef<{ signature: string; key: string } | null>(null);

  const showFieldErrors = useCallback(
    (errors: FieldError[]) => {
      const onForm: { name: (string | number)[]; errors: string[] }[] = [];
      const elsewhere: FieldError[] = [];
      for (const e of errors) {
        const name = options.fieldMap ? options.fieldMap(e.field) : fieldPath(e.field);
        if (form && name && name.length > 0 && hasField(form, name)) onForm.push({ name, errors: [e.message] });
        else elsewhere.push(e);
      }
      if (form && onForm.length > 0) form.setFields(onForm as any);
      if (elsewhere.length > 0) {
        setProblem(
          <Alert
            type="error"
            showIcon
            data-testid="field-errors"
            message={t('error.fields')}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {elsewhere.map((e) => (
                  <li key={e.field}>
                    <code>{e.field}</code> {e.message}
                  </li>
                ))}
              </ul>
            }
          />,
        );
      }
    },
    [form, options, t],
  );

  const run = useCallback(
    async (spec: CommandSpec): Promise<(Written & { idempotencyKey: string }) | null> => {
      setProblem(null);
      const clientErrors = await validateBody(spec.collection, spec.action, spec.body, t);
      if (clientErrors.length > 0) {
        showFieldErrors(clientErrors);
        return null;
      }
      const path = spec.action ? `/api/v1/${spec.collection}/${spec.id}/${spec.action}` : `/api/v1/${spec.collection}`;
      const signature = JSON.stringify([path, spec.body, spec.ifMatch ?? null]);
      const key = pending.current?.signature === signature ? pending.current.key : uuid();
      setBusy(true);
      try {
        const written = await command(path, spec.body, {
          ifMatch: spec.ifMatch,
          idempotencyKey: key,
          onRetry: (attempt, of) => setRetrying(t('net.retrying', { attempt, of })),
        });
        pending.current = null;
        return written;
      } catch (error) {
        if (error instanceof NetworkError) {
          // Keep the key: the user's next press of the button sends the very same request.
          pending.current = { signature, key };
          setProblem(<Alert type="warning" showIcon data-testid="network-problem" message={t('net.lost')} description={t('net.lostDetail')} />);
          return null;
        }
        pending.current = null;
        if (error instanceof ApiError) {
          if (error.isStaleVersion && spec.id) {
            const [current, history] = await Promise.all([readRecord(spec.collection, spec.id), readHistory(spec.collection, spec.id)]);
            const retry = await new Promise<boolean>((resolve) =>
              setConflict({ spec, current, events: history.events.filter((e) => e.version > (spec.ifMatch ?? 0)), resolve }),
            );
            setConflict(null);
            if (!retry) {
              setProblem(<Alert type="info" showIcon message={t('stale.cancelled')} />);
              return null;
            }
            setBusy(false);
            return run({ ...spec, ifMatch: current.version, seen: current });
          }
          if (error.fieldErrors.length > 0) {
            showFieldErrors(error.fieldErrors);
            return null;
          }
          setProblem(<ProblemAlert error={error} />);
          return null;
        }
        setProblem(<Alert type="error" showIcon message={String(error)} />);
        return null;
      } finally {
        setBusy(false);
        setRetrying(null);
      }
    },
    [showFieldErrors, t],
  );

  const clear = useCallback(() => {
    setProblem(null);
    pending.current = null;
  }, []);

  const dialog = conflict ? <StaleDialog {...conflict} /> : null;
  return { run, busy, retrying, problem, dialog, clear, setProblem };
}

/** Whether a Form.Item with this name is on the form (registered fields are the ones getFieldsError lists). */
function hasField(form: FormInstance, name: (string | number)[]): boolean {
  const wanted = JSON.stringify(name);
  return form.getFieldsError().some((f) => JSON.stringify(f.name) === wanted);
}

export function ProblemAlert({ error }: { error: ApiError }) {
  const { t } = useI18n();
  const known = t(`code.${error.code}`);
  const title = known !== `code.${error.code}` ? known : (error.problem.title ?? t('error.refused'));
  return (
    <Alert
      type="error"
      showIcon
      data-testid="problem"
      message={title}
      description={
        <Space direction="vertical" size={2}>
          {error.problem.detail && <span>{error.problem.detail}</span>}
          <span className="pls-muted pls-mono">
            {error.status} · {error.code}
          </span>
        </Space>
      }
    />
  );
}

function StaleDialog(props: {
  spec: CommandSpec;
  current: Record<string, unknown> & { version: number };
  events: HistoryEvent[];
  resolve: (retry: boolean) => void;
}) {
  const { t, label } = useI18n();
  const words = useWords();
  const { user } = useAuth();
  const org = useOrg();
  const seen = props.spec.seen ?? {};
  const changed = Object.keys(props.current).filter(
    (k) => k !== 'version' && k in seen && JSON.stringify(seen[k]) !== JSON.stringify(props.current[k]),
  );
  const fmt = (k: string, v: unknown) => formatValue(k, v, { t, label, unit: org.name });
  return (
    <Modal
      open
      width={640}
      title={t('stale.title')}
      onCancel={() => props.resolve(false)}
      footer={
        <Space wrap style={{ justifyContent: 'flex-end' }}>
          <Button onClick={() => props.resolve(false)}>{t('stale.cancel')}</Button>
          <Button type="primary" data-testid="stale-retry" onClick={() => props.resolve(true)}>
            {t('stale.retry', { version: props.current.version })}
          </Button>
        </Space>
      }
    >
      <Alert type="warning" showIcon message={t('stale.explain', { seen: props.spec.ifMatch ?? '?', now: props.current.version })} style={{ marginBottom: 12 }} />
      <div className="pls-section-title">{t('stale.events')}</div>
      <Timeline
        style={{ marginTop: 12 }}
        items={props.events.map((e) => {
          const d = describeEvent(e, words);
          return {
            color: d.tone,
            children: (
              <div data-testid="stale-event">
                <div className="pls-timeline-title">{d.title}</div>
                {d.detail && <div className="pls-timeline-detail">{d.detail}</div>}
                <div className="pls-timeline-who">
                  {describeActor(e, words, user?.id ?? null)} · {formatInstant(e.recordedAt, true)}
                </div>
              </div>
            ),
          };
        })}
      />
      {changed.length > 0 && (
        <>
          <div className="pls-section-title">{t('stale.fields')}</div>
          <Descriptions size="small" column={1} bordered style={{ marginTop: 8 }}>
            {changed.map((k) => (
              <Descriptions.Item key={k} label={stateFieldLabel(k, t)}>
                <Tag>{fmt(k, seen[k])}</Tag> → <Tag color="blue">{fmt(k, props.current[k])}</Tag>
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      )}
      <p className="pls-muted" style={{ marginTop: 12 }}>
        {t('stale.hint')}
      </p>
    </Modal>
  );
}
