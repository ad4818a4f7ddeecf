// The trusted kernel of hcert: types, terms, theorems and the rules that make theorems.
// Everything a client may use is declared in these three headers; internal.hpp is private.
#pragma once
#include "kernel/type.hpp"
#include "kernel/term.hpp"
#include "kernel/thm.hpp"
