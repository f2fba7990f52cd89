/**
 * Personal numbers never appear in full in logs or screens: an 18-character ID number keeps its
 * first four and last four characters (4201**********1234); an 11-digit mobile keeps 3 + 4.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export const maskPersonalNumbers = (s: string): string =>
  s.replace(ID_NUMBER, '$1**********$2').replace(MOBILE, '$1****$2');
