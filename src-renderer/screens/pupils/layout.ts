/**
 * The pupils screen's layout for the window it is shown in. School PCs have 1024×768 or 1366×768 screens, often
 * at 125 % (a window of 819 or 1093 CSS pixels): below `NARROW_MAX_WIDTH` each old account in the middle column
 * takes the whole slot and its buttons go under it, so the rows are taller. The lists (windowed, fixed-height
 * rows) are as tall as the window allows, so the right column, sticky, stays entirely in view.
 */
import { useSyncExternalStore } from 'react';

/** CSS pixels: 1366 px at 125 % (1093) and 1024 px at 100 % are narrow, 1280 px and more are not. */
export const NARROW_MAX_WIDTH = 1100;
/** Row heights (px) of the new pupils' list, wide and narrow. */
export const NEW_ROW_HEIGHT_WIDE = 88;
export const NEW_ROW_HEIGHT_NARROW = 112;
/** The lists' height: the window's minus the right column's heading and filters, within these bounds. */
const LIST_MAX_HEIGHT = 560;
const LIST_MIN_HEIGHT = 220;
/** The right column's heading and filters (px), one line each when wide, stacked when narrow. */
const RIGHT_COLUMN_CHROME_WIDE = 150;
const RIGHT_COLUMN_CHROME_NARROW = 200;

export interface PupilsLayout {
  narrow: boolean;
  newRowHeight: number;
  listHeight: number;
}

/** Pure: the layout for a window of this size (CSS pixels). */
export function layoutFor(width: number, height: number): PupilsLayout {
  const narrow = width <= NARROW_MAX_WIDTH;
  return {
    narrow,
    newRowHeight: narrow ? NEW_ROW_HEIGHT_NARROW : NEW_ROW_HEIGHT_WIDE,
    listHeight: Math.max(LIST_MIN_HEIGHT, Math.min(LIST_MAX_HEIGHT, height - (narrow ? RIGHT_COLUMN_CHROME_NARROW : RIGHT_COLUMN_CHROME_WIDE))),
  };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

// A string snapshot, so React compares by value and re-renders only when the layout itself changes.
const snapshot = (): string => {
  const l = layoutFor(window.innerWidth, window.innerHeight);
  return `${l.narrow ? 1 : 0}:${l.newRowHeight}:${l.listHeight}`;
};

export function usePupilsLayout(): PupilsLayout {
  const [narrow, newRowHeight, listHeight] = useSyncExternalStore(subscribe, snapshot).split(':').map(Number);
  return { narrow: narrow === 1, newRowHeight: newRowHeight ?? NEW_ROW_HEIGHT_WIDE, listHeight: listHeight ?? LIST_MAX_HEIGHT };
}
