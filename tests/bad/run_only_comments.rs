// This script has no code at all.
/* Only comments: nothing to lower,
   and no `main` to spawn. */
