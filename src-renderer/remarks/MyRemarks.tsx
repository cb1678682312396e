// The teacher's own open remarks from the monthly check, on the start page.
export function MyRemarks() {
  return null;
}
