/**
 * Keyboard moves for the mapping board: an arrow key jumps the picked-up column to the next (down/right) or
 * previous (up/left) object field in reading order, instead of dnd-kit's default 25-pixel steps, so a
 * keyboard user reaches any field with a few presses and hears each one announced.
 */
import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

const FORWARD = ['ArrowDown', 'ArrowRight'];
const BACKWARD = ['ArrowUp', 'ArrowLeft'];

export const fieldJumpCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const forward = FORWARD.includes(event.code);
  if (!forward && !BACKWARD.includes(event.code)) return undefined;
  event.preventDefault();
  const { droppableRects, droppableContainers, over, collisionRect } = context;
  if (!collisionRect) return undefined;
  const ids = droppableContainers
    .getEnabled()
    .map((c) => c.id)
    .filter((id) => droppableRects.has(id))
    .sort((a, b) => {
      const ra = droppableRects.get(a);
      const rb = droppableRects.get(b);
      return (ra?.top ?? 0) - (rb?.top ?? 0) || (ra?.left ?? 0) - (rb?.left ?? 0);
    });
  if (!ids.length) return undefined;
  const at = over ? ids.indexOf(over.id) : -1;
  const index =
    at < 0 ? (forward ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + (forward ? 1 : -1)));
  const rect = droppableRects.get(ids[index] as string);
  if (!rect) return undefined;
  return {
    x: rect.left + (rect.width - collisionRect.width) / 2,
    y: rect.top + (rect.height - collisionRect.height) / 2,
  };
};
