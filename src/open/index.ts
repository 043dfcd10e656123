/**
 * Open-system generators: the general roads (CONVENTIONS §2–§3, §6).
 *
 * @module open
 */
export * from "./redfield.js";
export * from "./lindblad.js";
export * from "./blockLiouvillian.js";
export * from "./chainNess.js";
export * from "./quench.js";
