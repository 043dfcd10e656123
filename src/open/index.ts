/**
 * Open-system generators: the general roads (CONVENTIONS §2–§3, §6).
 *
 * @module open
 */
export * from "./redfield.js";
