/** Whether the ink is darker than the background (pen on paper) or lighter (chalk, white-on-black canvas). */
export type Polarity = 'dark-ink' | 'light-ink';
