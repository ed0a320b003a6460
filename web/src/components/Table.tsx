// A data table that stays usable on a phone: it scrolls sideways inside its own box (a named,
// focusable region, so keyboard users can scroll it too) and its first column stays in view.
// Give the table its header cells with scope; the caption names the table and the region.
import type { ReactNode } from 'react';
import { useId } from 'react';

export function ScrollTable({ caption, className, children }: { caption: ReactNode; className?: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className={className ? `data ${className}` : 'data'}>
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
