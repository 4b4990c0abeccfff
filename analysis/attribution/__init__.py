"""Stage 2, attribution: who said what -- quotation marks, cue rules, speakers and their resolution."""
