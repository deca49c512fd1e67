"""A candidate's progress per level: the score history of mock exams (an SVG chart drawn on the
server), strengths and weaknesses per domain and labeling type, and a readiness line."""
