#ifndef HUIFANG_CYAML_SHIM_H
#define HUIFANG_CYAML_SHIM_H
#include <yaml.h>
#endif
