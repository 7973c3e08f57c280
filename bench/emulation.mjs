// The conditions every browser benchmark measures under: a desktop window, and Lighthouse's mobile
// device (Moto G Power) on Lighthouse's slow 4G with the CPU slowed 4×, as DevTools throttling
// applies them (lighthouse core/config/constants.js: RTT 150 ms × 3.75, 1.6 Mbit/s × 0.9 down,
// 750 kbit/s × 0.9 up, here in bytes per second).

export const DESKTOP = { viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' };

export const MOBILE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) '
    + 'Chrome/119.0.0.0 Mobile Safari/537.36',
  serviceWorkers: 'block',
};

export const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: Math.floor((1.6 * 1024 * 0.9 * 1024) / 8),
  uploadThroughput: Math.floor((750 * 0.9 * 1024) / 8),
};

export const CPU_SLOWDOWN = 4;
