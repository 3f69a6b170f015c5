"""The housing team studio at /studio (issue 18): pages over the studio package."""
