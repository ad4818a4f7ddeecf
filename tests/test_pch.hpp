// The test files' external headers, precompiled once (Makefile, TEST_PCH) and included
// first in every test object (-include, once: no include guard needed): only what does
// not change with the project's own code.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>
