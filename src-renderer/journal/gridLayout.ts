// The grid's fixed sizes (px), shared by the virtualizers and the drawing. Fixed sizes are what
// make virtualizing cheap: no cell is ever measured. journal.css uses the same numbers.
export const ROW_H = 28;
export const HEAD_H = 46;
export const NAME_W = 216;
export const COL_W = 42;
export const AVG_W = 52;
export const TERM_W = 56;
export const RIGHT_W = AVG_W + TERM_W;
