/** Drag and drop of a product's card onto another environment: the payload names product and source. */
const PROMOTION_DRAG_TYPE = 'application/x-slipway-promotion';

export interface PromotionDrag {
  product: string;
  from: string;
}

export interface BoardPromoteActions {
  /** Opens the Promote menu of one card. */
  openMenu: (anchor: HTMLElement, product: string, from: string) => void;
  /** A card of `product` in `from` was dropped on `to`. */
  drop: (product: string, from: string, to: string) => void;
}

export function startPromotionDrag(
  event: React.DragEvent,
  drag: PromotionDrag,
) {
  event.dataTransfer.setData(PROMOTION_DRAG_TYPE, JSON.stringify(drag));
  event.dataTransfer.effectAllowed = 'copy';
}

/** Lets a drop happen when a promotion is being dragged (its payload is only readable on drop). */
export function allowPromotionDrop(event: React.DragEvent): boolean {
  const types = Array.from(event.dataTransfer?.types ?? []);
  if (!types.includes(PROMOTION_DRAG_TYPE)) return false;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
  return true;
}

export function readPromotionDrop(
  event: React.DragEvent,
): PromotionDrag | undefined {
  try {
    const drag = JSON.parse(
      event.dataTransfer.getData(PROMOTION_DRAG_TYPE),
    ) as Partial<PromotionDrag>;
    if (typeof drag.product === 'string' && typeof drag.from === 'string') {
      event.preventDefault();
      return { product: drag.product, from: drag.from };
    }
  } catch {
    // Not ours: something else was dropped.
  }
  return undefined;
}
