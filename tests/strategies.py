"""Hypothesis strategies that build article-like pages from template and prose parts."""

from hypothesis import strategies as st

_WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which "
    "but have an they you were her she there been one all we their has would when if so no will "
    "harbour council river engineers report water storm budget season farmers market village bridge "
    "school museum railway library winter summer city workers doctors election"
).split()

sentence = st.lists(st.sampled_from(_WORDS), min_size=6, max_size=18).map(lambda words: " ".join(words).capitalize() + ".")
paragraph = st.lists(sentence, min_size=2, max_size=5).map(" ".join)

template_line = st.sampled_from(
    [
        "Home > News > Local",
        "Facebook Twitter LinkedIn Email",
        "Related Posts",
        "Login",
        "Subscribe to our newsletter",
        "{{ user.name }}",
        "© 2024 Example Media. All rights reserved.",
        "Privacy Policy | Terms of Use",
        "  • HOME",
        "  • SPORTS",
        "Advertisement",
        "3 Comments",
        "By Jane Roe | March 3, 2025",
        "Photo: Getty Images",
        "广告位招租 广告位招租",
    ]
)

heading = st.lists(st.sampled_from(_WORDS), min_size=2, max_size=6).map(lambda words: " ".join(words).title())

article_page = st.tuples(
    st.lists(template_line, max_size=6),
    st.lists(st.one_of(paragraph, paragraph, paragraph, heading), min_size=1, max_size=8),
    st.lists(template_line, max_size=6),
).map(lambda parts: "\n".join([*parts[0], *parts[1], *parts[2]]))
