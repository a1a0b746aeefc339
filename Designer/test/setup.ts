import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import '../src/i18n';

// Each test renders into a clean document.
afterEach(() => cleanup());
