# Satisfaction ratings arrive with their own issue; the app exists so that
# the project's layout and URL namespaces are settled from the start.
