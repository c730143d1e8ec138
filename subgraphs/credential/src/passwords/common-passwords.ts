/**
 * Passwords of 12 characters or more that lead the published breach lists (shorter ones fail the
 * length rule anyway). Compared without regard to case.
 */
export const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456123456', '111111111111', '000000000000', '123123123123',
  'qwertyuiopasdfghjkl', 'qwertyuiopas', 'qwerty123456', 'qwertyqwerty', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'q1w2e3r4t5y6', 'zaq12wsxcde3',
  'password1234', 'password12345', 'password123!', 'passwordpassword', 'password1password', 'p@ssw0rd1234', 'passw0rd1234', 'mypassword123',
  'iloveyou1234', 'iloveyouiloveyou', 'letmein12345', 'welcome12345', 'welcome123456', 'welcome2024!', 'welcome2025!', 'welcome2026!',
  'changeme1234', 'changeme123!', 'administrator', 'administrator1', 'admin1234567', 'adminadmin123', 'abc123456789', 'abcdefghijkl',
  'football1234', 'baseball1234', 'superman1234', 'princess1234', 'sunshine1234', 'trustno11234', 'starwars1234', 'monkey123456',
  'dragon123456', 'master123456', 'shadow123456', 'michael12345', 'jennifer1234', 'computer1234', 'internet1234', 'whatever1234',
  'summer2024!!', 'summer2025!!', 'winter2025!!', 'spring2026!!', 'autumn2026!!', 'springtime2026', 'correcthorsebatterystaple',
  'temppassword1', 'temporary1234', 'secret123456', 'mysecret1234', 'employer1234', 'pension12345', 'payroll12345', 'contacts1234',
]);
