// Types for scripts/readme-figures.mjs (plain JavaScript so the test command runs it with node alone).
import type { Figures } from '../test/reliability/helpers/summary.js';

export const summaryPath: string;
export const readmePath: string;
export const begin: string;
export const end: string;
export function figuresOf(summary: string): Figures;
export function render(figures: Figures): string;
export function withBlock(readme: string, block: string): string;
export const channelsBegin: string;
export const channelsEnd: string;
export function renderChannels(figures: Figures): string;
export function withFigures(readme: string, figures: Figures): string;
