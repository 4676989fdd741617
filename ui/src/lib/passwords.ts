// Words shared by every form that sets a password.
export const PASSWORD_HINT = 'At least 8 characters. A few unrelated words make a strong, memorable password.';
export const PASSWORD_MISMATCH = 'The two new passwords differ. Type the same password in both fields.';
