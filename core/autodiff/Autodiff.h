#pragma once
// Everything a user of the autodiff needs: Tape, Var and the ops.
#include "autodiff/Ops.h"
#include "autodiff/Tape.h"
#include "autodiff/Var.h"
