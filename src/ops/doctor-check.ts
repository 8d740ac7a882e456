/** One line of the doctor's report; its own module so each check can live in a file of its own. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  /** What was found. */
  detail: string;
  /** How to fix it, when not ok. */
  fix?: string;
}
