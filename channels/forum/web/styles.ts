/** The forum's one stylesheet, served from /forum/assets/forum.css (the CSP allows no inline style). */
export const FORUM_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2933;background:#f4f6f8}
a{color:#0b5cad}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #f0b429;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
.top{background:#0b5cad;color:#fff;padding:10px 16px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
.top a{color:#fff}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
.top nav{display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center;margin-left:auto}
.top form{margin:0}
.linkbutton{background:none;border:0;color:inherit;font:inherit;text-decoration:underline;cursor:pointer;padding:0}
.search{display:flex;gap:6px;flex:1 1 220px;max-width:420px}
.search input{flex:1;min-width:0}
main{max-width:880px;margin:0 auto;padding:16px}
footer{max-width:880px;margin:0 auto;padding:16px;color:#52606d;font-size:.9rem}
h1{font-size:1.4rem;line-height:1.3;margin:.4rem 0 1rem}
h2{font-size:1.15rem;margin:1.4rem 0 .6rem}
.card{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:12px 14px;margin:0 0 12px}
.list{list-style:none;margin:0;padding:0}
.list li{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:10px 14px;margin:0 0 8px}
.list li.highlight{border-color:#f0b429;background:#fffbea}
.meta{color:#52606d;font-size:.88rem}
.badge{display:inline-block;font-size:.78rem;line-height:1.4;padding:0 6px;border-radius:4px;background:#e4e7eb;color:#323f4b;margin-right:4px;vertical-align:1px}
.badge.staff{background:#0b5cad;color:#fff}
.badge.pin{background:#fce8e6;color:#a61b1b}
.badge.hl{background:#fff3c4;color:#8d6708}
.badge.warn{background:#fff3c4;color:#8d6708}
.post{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:12px 14px;margin:0 0 12px}
.post.staff{border-left:4px solid #0b5cad}
.post header{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline;margin-bottom:6px}
.post .body{overflow-wrap:anywhere}
.post .body blockquote{margin:.4rem 0;padding:.2rem .8rem;border-left:3px solid #bcccdc;color:#3e4c59;background:#f5f7fa}
.post .body pre{overflow:auto;background:#f5f7fa;padding:8px}
.post img{max-width:100%;height:auto;border-radius:4px;margin:4px 0;display:block}
.post .actions{display:flex;flex-wrap:wrap;gap:8px 16px;margin-top:8px;font-size:.9rem}
.notice{padding:10px 14px;border-radius:8px;margin:0 0 12px;background:#e3f8ff;border:1px solid #81defd}
.notice.warn{background:#fffbea;border-color:#f7d070}
.notice.error{background:#ffe3e3;border-color:#ff9b9b}
label{display:block;font-weight:600;margin:.8rem 0 .2rem}
.hint{font-weight:400;color:#52606d;font-size:.88rem;margin:.2rem 0}
input[type=text],input[type=email],input[type=password],input[type=search],textarea,select{width:100%;font:inherit;padding:8px 10px;border:1px solid #9aa5b1;border-radius:6px;background:#fff}
textarea{min-height:8rem;resize:vertical}
.field-error{color:#a61b1b;font-size:.9rem;margin:.2rem 0}
button,.button{display:inline-block;font:inherit;padding:8px 16px;border-radius:6px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer;text-decoration:none}
button.secondary{background:#fff;color:#0b5cad}
.row{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-top:1rem}
.pager{display:flex;gap:14px;align-items:center;justify-content:center;margin:16px 0}
details.flag summary{cursor:pointer;color:#52606d}
.thread .msg{padding:8px 10px;border-radius:8px;margin:6px 0;max-width:92%}
.thread .msg.in{background:#e3f8ff;margin-left:auto}
.thread .msg.out{background:#fff;border:1px solid #d9e2ec}
@media (max-width:560px){main{padding:10px}.top nav{margin-left:0}h1{font-size:1.25rem}}
`;
