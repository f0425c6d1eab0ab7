/**
 * A windowed list of fixed-height rows: only the rows in view (plus a margin) are in the DOM, so a list of a
 * thousand old accounts scrolls as smoothly as one of twenty. Below `threshold` rows everything is rendered
 * and the page scrolls (small lists keep find-in-page, and their drop targets have no scroll container of their own).
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface VirtualListProps {
  count: number;
  rowHeight: number;
  height: number;
  renderRow: (index: number) => ReactNode;
  threshold?: number;
  outerRef?: (el: HTMLDivElement | null) => void;
  className?: string;
  label: string;
  /** Spread on the scrolling element (a Droppable's props go with its ref). */
  outerProps?: object;
}

/** `npm run bench` measures the same screen without windowing (its peer) by setting this key. */
const WINDOWING_OFF = (() => {
  try {
    return localStorage.getItem('passerelle.bench.windowing') === 'off';
  } catch {
    return false;
  }
})();

/** Rows rendered beyond each edge of the view, so a quick scroll shows no gap. */
const OVERSCAN = 6;

export function VirtualList({ count, rowHeight, height, renderRow, threshold = 60, outerRef, className, label, outerProps }: VirtualListProps) {
  const scroller = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const windowed = count > threshold && !WINDOWING_OFF;

  useLayoutEffect(() => {
    // A shorter list (a filter) must not leave the view scrolled past its end.
    const el = scroller.current;
    if (el && el.scrollTop > count * rowHeight) el.scrollTop = 0;
  }, [count, rowHeight]);

  const first = windowed ? Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN) : 0;
  const last = windowed ? Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN) : count;
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} role="listitem" className="vrow" style={windowed ? { position: 'absolute', top: i * rowHeight, left: 0, right: 0, height: rowHeight } : { height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      {...outerProps}
      className={`vlist ${className ?? ''}`}
      style={windowed ? { maxHeight: height, overflowY: 'auto', position: 'relative' } : { position: 'relative' }}
      ref={(el) => {
        scroller.current = el;
        outerRef?.(el);
      }}
      onScroll={windowed ? (e) => setScrollTop(e.currentTarget.scrollTop) : undefined}
      role="list"
      aria-label={label}
      tabIndex={-1}
    >
      <div style={windowed ? { height: count * rowHeight, position: 'relative' } : undefined}>
        {rows}
      </div>
    </div>
  );
}
