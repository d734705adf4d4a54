"""Growth: self-assessments, gaps, development plans, introductions, feedback, situations."""
