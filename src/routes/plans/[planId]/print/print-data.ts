// The print-outs a plan offers (what each lists: $lib/domain/room-lists.ts and ticket-sittings.ts).
export const PRINT_KINDS = ['tickets', 'seats', 'door', 'signin', 'scores'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];
