/**
 * A private person offering help is published only as the centre of the square of this side (metres) that holds
 * their point. The server coarsens with it and the interface states it, so the form's promise and the offer's card
 * name the same, true size.
 */
export const PRIVATE_CELL_M = 150;
