// The prompt on the start page for staff who have not confirmed the current version of the
// protocol: a clear box with a link to /protocol. Nothing shows for students, parents, accounts
// without a roster person, or when everything is confirmed.
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { ProtocolView } from './texts.ts';
import './texts.ts';

export function ProtocolPrompt() {
  const t = useT();
  const { school, can } = useSession();
  const schoolId = school?.id;
  const staff = can('protocols.acknowledge');
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    setOpen(null);
    if (!schoolId || !staff) return;
    let live = true;
    api<ProtocolView>('GET', `/api/v1/schools/${schoolId}/protocol`)
      .then((v) => {
        if (live && v.current && v.me.expected && !v.me.acknowledgedAt) setOpen(v.current.version);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [schoolId, staff]);
  if (!open) return null;
  return (
    <aside className="protocol-prompt" aria-labelledby="protocol-prompt-title">
      <h2 id="protocol-prompt-title">{t('prompt.title')}</h2>
      <p>{t('prompt.text', { version: open })}</p>
      <Link to="/protocol" className="button">
        {t('prompt.link')}
      </Link>
    </aside>
  );
}
