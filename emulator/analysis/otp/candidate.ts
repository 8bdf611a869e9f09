/** A possible one-time code at [start, end) of the prepared text. */
export interface Candidate {
  /** The code as a user types it: digits without their group separator, or the alphanumeric code as written. */
  code: string;
  start: number;
  end: number;
  /** Nearness to a keyword (see keywordDistance); Infinity when no keyword is near. */
  distance: number;
}
