"""Words that mark template lines, by template kind, in the common web languages.

These are generic words of web templates ("Share", "Related Posts",
"All rights reserved"), not one site's strings. Detectors combine them with
line shape (length, position, neighbours); a word alone never removes a line.
"""

from __future__ import annotations

import regex


def _alternatives(*phrases: str) -> str:
    return "|".join(sorted((regex.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True))


SHARE_WORDS = frozenset(
    """facebook twitter x linkedin email e-mail mail pinterest whatsapp reddit telegram tumblr
    print share shares tweet pin pinit messenger flipboard pocket vk weibo wechat xing line
    sms copy link url comment comments save bookmark google digg stumbleupon buffer mix
    teilen drucken partager imprimer compartir imprimir compartilhar condividi stampa delen
    bagikan e it reddit whatsapp threads bluesky mastodon""".split()
)
SHARE_LEAD = regex.compile(
    r"^(?:" + _alternatives(
        "share", "share this", "share this article", "share this story", "share this post", "share this page",
        "share on", "share via", "tweet this", "teilen", "artikel teilen", "partager", "partager cet article",
        "compartir", "compartir en", "compartilhe", "compartilhar", "condividi", "bagikan", "spread the word",
        "share the story", "share this review", "share this recipe", "share this video", "artikel teilen",
        "partager sur", "compartilhe este artigo", "pin this", "pin it",
    ) + r")\b[\s:.!]*",
    regex.IGNORECASE,
)
SHARE_ACTION = regex.compile(
    r"^(?:click\s+to\s+(?:share|email|print|tweet|pin)|(?:share|post)\s+(?:on|via|to)\s+\w+|"
    r"(?:email|print|save|bookmark)\s+this\s+(?:article|story|page|post)|send\s+to\s+a\s+friend|"
    r"share\b[^.!?]{0,40}:$|pin\s+this\b.{0,20}$|share\s+improve\s+this\s+\w+|improve\s+this\s+(?:question|answer))",
    regex.IGNORECASE,
)

BREADCRUMB_HOME = regex.compile(
    r"^(?:home|homepage|start|startseite|inicio|início|accueil|home\s*page|beranda|главная|首页|ホーム)\b",
    regex.IGNORECASE,
)
BREADCRUMB_LEAD = regex.compile(r"^(?:you\s+are\s+(?:here|at)|sie\s+sind\s+hier|vous\s+êtes\s+ici)\s*:?\s*", regex.IGNORECASE)

BYLINE_LEAD = regex.compile(
    r"^(?:by|written\s+by|posted\s+by|posted\s+on|posted|published(?:\s+on)?|updated(?:\s+on)?|"
    r"(?:interview|text|words|reporting|story|photos?)\s+by|publicado(?:\s+el)?|publié(?:\s+le)?|"
    r"last\s+updated|author|von|par|por|di|oleh|publié\s+le|publicado|veröffentlicht(?:\s+am)?|"
    r"aktualisiert(?:\s+am)?)\b[\s:]*",
    regex.IGNORECASE,
)
READING_TIME = regex.compile(
    r"\b(\d{1,3})\s*(?:-\s*)?(?:mins?|minutes?|minuten|minutos|minuti)(?:\s+(?:read|de\s+lectura|de\s+leitura|lesezeit|lecture))?\b",
    regex.IGNORECASE,
)
READING_TIME_LEAD = regex.compile(
    r"^(?:reading\s+time|read\s+time|lesezeit|tempo\s+de\s+leitura|tiempo\s+de\s+lectura|temps\s+de\s+lecture)\b",
    regex.IGNORECASE,
)

WIDGET = regex.compile(
    "^(?:" + _alternatives(
        "login", "log in", "log-in", "logout", "log out", "sign in", "sign-in", "sign up", "sign-up",
        "sign out", "register", "registration", "create an account", "create account", "my account",
        "forgot your password", "forgot password", "lost your password", "reset password", "password",
        "username", "user name", "remember me", "keep me logged in", "not a member", "join now", "join us",
        "subscribe", "subscribe now", "subscribe to our newsletter", "newsletter", "sign up for our newsletter",
        "get our newsletter", "enter your email", "enter your email address", "your email", "email address",
        "e-mail address", "search", "search for", "search this site", "search the site", "search ...",
        "type your search", "type here to search", "submit", "send", "go", "ok", "cancel", "close",
        "welcome back", "already have an account", "don't have an account", "continue with google",
        "continue with facebook", "anmelden", "abmelden", "registrieren", "passwort vergessen", "suche",
        "suchen", "newsletter abonnieren", "connexion", "se connecter", "s'inscrire", "inscription",
        "mot de passe", "rechercher", "recherche", "iniciar sesión", "registrarse", "contraseña", "buscar",
        "suscríbete", "entrar", "cadastre-se", "cadastrar", "senha", "busca", "pesquisar", "assine",
        "masuk", "daftar", "cari", "accedi", "registrati", "cerca", "iscriviti", "inloggen", "zoeken",
        "войти", "регистрация", "поиск", "登录", "注册", "搜索", "ログイン", "検索",
        "search docs", "search the docs", "your email address", "your e-mail address", "ihre e-mail-adresse",
        "votre adresse e-mail", "tu correo electrónico", "sign me up", "créer un compte", "crear una cuenta",
        "konto erstellen", "post your answer", "your answer", "name *", "email *", "website", "e-mail *",
    ) + r")\b[\s.:!?…*]*$",
    regex.IGNORECASE,
)
WIDGET_PROMPT = regex.compile(
    r"^(?:enter\s+(?:your\s+)?(?:email|e-mail|search|keywords?)|search\s+(?:for|our|the|this)\b|"
    r"type\s+(?:your\s+)?(?:search|keywords?)|subscribe\s+to\b|sign\s+up\s+(?:for|to)\b|"
    r"get\s+(?:the\s+)?(?:latest|our)\b.{0,40}\b(?:inbox|newsletter|email)|"
    r"(?:required\s+fields\s+are\s+marked|your\s+email\s+address\s+will\s+not\s+be\s+published)|"
    r"you\s+must\s+be\s+logged\s+in|log\s+in\s+to\b|sign\s+in\s+to\b|"
    r"by\s+(?:signing\s+up|subscribing)\b|join\s+[\d,.]+\+?\s+\w+|"
    r"(?:abonnieren\s+sie|abonnez-vous|suscríbete|inscreva-se)\b|subscribe\s+(?:now|today|from|for)\b)",
    regex.IGNORECASE,
)

PLACEHOLDER = regex.compile(
    # Each body stops at the next opening: "{{ {{ {{ ..." must not scan to the line's end from every "{{".
    r"\{\{[^{}]*\}\}|\{%[^{}%]*%\}|\{#[^{}#]*#\}|\$\{[^{}\n]*\}|<%[^<%]*%>|%%[A-Za-z_]+%%|\[\[[A-Za-z_.]+\]\]|"
    r"\{\{|\}\}|\{%|%\}|__[A-Z][A-Z_]{2,}__"
)

COMMENTS_HEADING = regex.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies|thoughts|kommentare?|commentaires?|comentarios?|comentários?|komentar)"
    r"(?:\s+(?:to|on|for|zu|sur|en|em|a)\b.*)?|"
    r"comments?(?:\s*\(\d+\))?|(?:top\s+rated|reader|readers'?|latest|recent|view\s+all|show|load)\s+comments?|"
    r"(?:leave|post|add|write|submit)\s+(?:a|your|new)\s+(?:comment|reply|response)|"
    r"leave\s+a\s+reply(?:\s+cancel\s+reply)?|join\s+the\s+(?:discussion|conversation)|"
    r"(?:no|be\s+the\s+first\s+to)\s+comments?.*|post\s+comment(?:\s*\(\+\))?|discussion|"
    r"(?:\d+\s+)?thoughts\s+on\b.*|kommentare?|schreibe\s+einen\s+kommentar|kommentar\s+schreiben|"
    r"commentaires?|laisser\s+un\s+commentaire|comentarios?|deja\s+un\s+comentario|"
    r"comentários?|deixe\s+(?:uma\s+resposta|um\s+comentário|seu\s+comentário)|komentar|"
    r"tinggalkan\s+balasan|lascia\s+un\s+commento|commenti|reply|cancel\s+reply|"
    r"responder|antworten|répondre|share\s+what\s+you\s+think|what\s+do\s+you\s+think|"
    r"the\s+comments\s+below\s+have\s+not\s+been\s+moderated|comments\s+are\s+closed)\s*[:.!?]*$",
    regex.IGNORECASE,
)
# "1. janedoe says:", the header of one reader comment.
COMMENT_AUTHOR = regex.compile(
    r"^(?:\d+\.\s*)?\S+(?:\s+\S+){0,3}\s+(?:says|said|wrote|replied|sagt|schrieb|dit|dice|disse|berkata)\s*:?$",
    regex.IGNORECASE,
)

RELATED_HEADING = regex.compile(
    # A short site prefix may stand first: "PFT Most Commented". Its words are capitalised
    # whatever the rest's case, so "Create a top-level ..." has none.
    # "More from/in/on" names a source, section or subject in four words at most ("More in
    # Politics"); longer, it is a headline in the list ("More on Postgres Performance by ...").
    # "See also" is left out: in reference pages and manuals it heads the page's own
    # cross-references. "See also: <headline>" on a line of its own (RELATED_INLINE) still
    # points to another story (on WCXB, dropping it there cost a news page and gained nothing).
    # No gap before "from", "in" or "on" runs over another of them: "More on X from Y" is a headline.
    r"^(?-i:\p{Lu}[\p{L}&]*\s+){0,2}(?:(?:related|recent|popular|trending|latest|top|more|other|similar|featured|recommended|"
    r"must|editor'?s?|editors'|further|most\s+(?:popular|read|viewed|shared|commented|recent))\b(?:(?!\b(?:from|in|on)\b).){0,30}?"
    r"\b(?:posts?|articles?|stories|news|reads?|videos?|picks?|content|links?|entries|reading|headlines|"
    r"(?<!-)(?:from|in|on)\b(?:\s+\S+){0,4}\s*)|related|trending(?:\s+now)?|most\s+(?:popular|read|viewed|shared|commented)|"
    r"you\s+(?:may|might|will)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|"
    r"(?:read|watch)\s+(?:more|next|also)|see\s+(?:more|next)|also\s+read|don't\s+miss|recommended(?:\s+for\s+you)?|"
    r"popular\s+now|what\s+to\s+read\s+next|in\s+case\s+you\s+missed\s+it|"
    # "More interviews", "Related reviews", "Other press releases": a plural noun after the cue.
    r"(?:related|recent|latest|more|other|similar|popular)(?:\s+\p{L}+)?\s+\p{L}+s|"
    r"(?:entradas|artículos|posts|artigos)\s+recientes|(?:posts|artigos)\s+recentes|derniers\s+articles|"
    r"neueste\s+(?:beiträge|artikel)|ultimi\s+articoli|"
    r"(?:artigos|posts|notícias)\s+relacionad[oa]s|leia\s+(?:também|mais)|"
    r"(?:ähnliche|weitere|verwandte)\s+(?:artikel|beiträge|themen)|das\s+könnte\s+sie\s+auch\s+interessieren|mehr\s+zum\s+thema|"
    r"articles?\s+(?:similaires|connexes|liés)|à\s+lire\s+(?:aussi|également)|lire\s+aussi|"
    r"(?:artículos|noticias|entradas)\s+relacionad[oa]s|lee\s+también|te\s+puede\s+interesar|"
    r"articoli\s+correlati|leggi\s+anche|berita\s+terkait|baca\s+juga|artikel\s+terkait|"
    r"похожие\s+статьи|читайте\s+также|相关文章|相关阅读|関連記事)\s*[:.!»›>]*$",
    regex.IGNORECASE,
)
# "Read more: <headline>" inside or after an article points to another page.
RELATED_INLINE = regex.compile(
    r"^(?:read\s+more|related|see\s+also|also\s+read|read\s+next|more|watch|listen|leia\s+também|"

    r"lesen\s+sie\s+auch|lire\s+aussi|lee\s+también|baca\s+juga)\s*[:>»›|]\s*\S",
    regex.IGNORECASE,
)

FOOTER = regex.compile(
    r"(?:©|\(c\)\s*\d{4}|\bcopyright\b|all\s+rights\s+reserved|privacy\s+(?:policy|notice|statement|settings)|"
    r"terms\s+(?:of|and|&)\s+(?:use|service|conditions)|terms\s+&\s+conditions|cookie\s+(?:policy|settings|preferences)|"
    r"\bimprint\b|\bimpressum\b|\bsitemap\b|\bsite\s+map\b|powered\s+by|built\s+with\s+\w+|accessibility\s+statement|"
    r"contact\s+us\s*[·|•]|[·|•]\s*contact\s+us|^media\s+(?:contact|enquiries|inquiries)\b|^press\s+contact\b|"
    r"do\s+not\s+sell\s+my|alle\s+rechte\s+vorbehalten|datenschutz(?:erklärung)?|\bagb\b|tous\s+droits\s+réservés|"
    r"mentions\s+légales|politique\s+de\s+confidentialité|todos\s+los\s+derechos\s+reservados|"
    r"política\s+de\s+privacidad|aviso\s+legal|todos\s+os\s+direitos\s+reservados|política\s+de\s+privacidade|"
    r"tutti\s+i\s+diritti\s+riservati|hak\s+cipta|版权所有|著作権)",
    regex.IGNORECASE,
)
CONTACT = regex.compile(
    r"(?:\b(?:tel|phone|fax|telefon|téléphone|teléfono)\.?\s*(?:[:.]\s*)?\+?[\d(][\d\s().\-/]{6,}|"
    # An address is tried from the start of its run of [\w.+-] (its first letter), not from each boundary in it.
    r"(?<![\w.+-])[.+-]*\w[\w.+-]*@[\w-]+\.[\w.]+\b)",
    regex.IGNORECASE,
)

CAPTION = regex.compile(
    r"^(?:\(?\s*(?:photo|image|picture|pic|foto|bild|imagem|imagen|gambar|video|illustration|graphic|"
    r"credit|photograph|file\s+photo)s?\s*(?:(?:credits?|courtesy|by|source)\s*)?[:|/]|"
    r"\(\s*(?:photo|image|picture|foto|credit)[^)]*\)\s*$|"
    r"(?:photo|image|picture)\s+(?:credit|courtesy|by)\b|left\s*:.{3,200}\bright\s*:)",
    regex.IGNORECASE,
)
CAPTION_CREDIT = regex.compile(
    # "... Foto: Peter Klein", "... (Getty Images)" closing a caption line.
    r"(?:\b(?:photo|foto|bild|image|picture|credit|crédit|imagen)s?\s*:\s*\p{Lu}[^.:]{1,60}$|"
    r"\b(?:getty\s+images|shutterstock|istock(?:photo)?|alamy|ap\s+photo|afp(?:\s+via\s+getty)?|"
    r"reuters|epa|dpa|picture\s+alliance|unsplash|pexels|wikimedia\s+commons)\b[^.!?]{0,40}\)?\s*$)",
    regex.IGNORECASE,
)

#: What a text browser prints for images and form fields: "[logo]", "[blank_1x1]", "[          ]", "[Search]".
RENDERED_WIDGETS = regex.compile(r"(?:\[[^\[\]]{0,80}\]\s*)+")

#: A number alone ("9.1", "12k", "3."): a pager or a share count on a whole page.
BARE_NUMBER = r"\d[\d,.]*\s*[km]?"


def _label(alternatives: str, arrow: bool = True) -> regex.Pattern:
    """A whole short line that is one of ``alternatives``, after a back arrow ("« Older posts")
    when ``arrow``, and before a colon, full stop or forward arrow."""
    lead = r"[«‹←]?\s*" if arrow else ""
    return regex.compile(rf"^{lead}(?:{alternatives})\s*[:.!»›>]*$", regex.IGNORECASE)


# Short template labels, by kind (cleanscrape.reasons names each kind).
AD_LABEL = _label(
    r"advertisement|advertising|ad|ads|sponsored(?:\s+content)?|promoted|anzeige|werbung|publicité|"
    r"publicidad|publicidade|pubblicità|iklan|реклама|广告"
)
SKIP_LINK = _label(
    r"skip\s+to\s+(?:main\s+)?content|skip\s+to\s+navigation|jump\s+to\s+navigation|back\s+to\s+top|scroll\s+to\s+top|"
    r"pular\s+para\s+o\s+conteúdo|zum\s+inhalt\s+springen|aller\s+au\s+contenu|ir\s+al\s+contenido|"
    r"jump\s+to\s+\w+(?:\s*·\s*print\s+\w+)?"
)
COOKIE_BUTTON = _label(
    r"this\s+(?:website|site)\s+uses\s+cookies.*|we\s+use\s+cookies.*|accept(?:\s+all)?(?:\s+cookies)?|got\s+it!?|i\s+agree"
)
MORE_LINK = _label(r"click\s+here.*|continue\s+reading.*|learn\s+more|show\s+more|load\s+more|view\s+more|see\s+more|more")
PAGER_LINK = regex.compile(
    r"^(?:[«‹←]?\s*(?:next|previous|prev|next\s+(?:post|article|story)|previous\s+(?:post|article|story)|"
    r"older\s+posts?|newer\s+posts?)|"
    # A page number after a back arrow ("« 2"); a number alone is BARE_NUMBER_LABEL's. The arrow
    # is matched, not looked behind for: a lookbehind over a run of spaces is quadratic.
    rf"[«‹←]\s*{BARE_NUMBER})\s*[:.!»›>]*$",
    regex.IGNORECASE,
)
PAGE_TOOL = _label(
    r"loading\.*|please\s+wait\.*|print(?:\s+this\s+(?:article|page))?|font\s+size|text\s+size|a\+?\s*a-?|"
    r"listen\s+to\s+(?:this\s+)?article|print\s+recipe|edit\s+(?:on\s+github|this\s+page)"
)
FOLLOW_PROMPT = _label(
    r"(?:follow|like)\s+us(?:\s+on\b.*)?|connect\s+with\s+us|stay\s+connected|download\s+(?:the|our)\s+app|"
    r"did\s+you\s+make\s+this\s+recipe\?.*"
)
SHOP_LINK = _label(r"check\s+(?:the\s+)?(?:latest\s+)?price(?:\s+(?:at|on)\s+\w+)?|buy\s+(?:now|on\s+\w+)")
NEWS_LABEL = _label(r"breaking(?:\s+news)?|live(?:\s+tv)?|watch\s+live|for\s+immediate\s+release|source\s*:.{1,60}")
ANSWER_COUNT = _label(r"\d+\s+answers?|sorted\s+by\s*:.*")
ARCHIVE_LABEL = _label(r"filed\s+under|archives?(?:\s+for\b.*)?")
BARE_NUMBER_LABEL = _label(BARE_NUMBER, arrow=False)
TAG_LINE = regex.compile(
    r"^(?:(?:tags?|topics?|filed\s+under|categories|category|schlagwörter|étiquettes|etiquetas|related\s+tags)\s*:\s*\S|"
    r"(?:posted|filed)\s+in\b|tagged\b)",
    regex.IGNORECASE,
)
MENU_LABEL = regex.compile(
    r"^(?:menu|main\s+menu|navigation|main\s+navigation|toggle\s+navigation|open\s+menu|close\s+menu|"
    r"alternar\s+navegação(?:\s+menu)?|hauptmenü|menú)\s*[:.]*$",
    regex.IGNORECASE,
)

# Affiliate and sponsorship disclosures read like prose, as cookie banners do.
DISCLOSURE = regex.compile(
    r"\baffiliate\s+(?:links?|commissions?|programs?)\b|\bdisclosure\s+policy\b|\bwe\s+may\s+earn\b|"
    r"\bsponsored\s+by\b|\bpaid\s+partnership\b",
    regex.IGNORECASE,
)
COOKIE_NOTICE = regex.compile(
    r"\bcookies?\b.{0,120}\b(?:website|site|browser|experience|consent|opt[- ]out|accept|third[- ]party|analytics)\b|"
    r"\b(?:website|site|we)\b.{0,60}\buses?\s+cookies\b",
    regex.IGNORECASE,
)

# "← Previous post: ...", "Next: Environment variables": links to the neighbouring page.
PAGER = regex.compile(
    r"^[←«‹<]?\s*(?:previous|prev|next|older|newer|zurück|weiter|précédent|suivant|anterior|siguiente|próximo)"
    r"(?:\s+(?:post|article|page|entry|story|chapter|artikel|beitrag|article|entrada))?\s*[:»›>→]\s*\S",
    regex.IGNORECASE,
)
