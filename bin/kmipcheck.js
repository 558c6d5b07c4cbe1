#!/usr/bin/env node
"use strict";
// The compiled CLI; `npm install` builds it (the prepare script runs tsc).
require("../dist/src/cli/main.js").runFromProcess();
