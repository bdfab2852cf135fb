#!/usr/bin/env node
import { start } from '../action/index.js';

await start('cli', import.meta.url);
