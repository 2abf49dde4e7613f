/** Whether blocks render as a clean document (reading view) rather than as form controls. */
import { createContext, useContext } from "react";

/** True for anyone who cannot edit, and for editors who switched to reading. */
export const ReadingContext = createContext(false);

/** Whether the block node views should render for reading. */
export const useReading = (): boolean => useContext(ReadingContext);
