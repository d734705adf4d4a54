import time, pytest
from tests.browser import _a11y
pytestmark = [pytest.mark.django_db(transaction=True)]

def test_explore(client, tmp_path):
    t=time.time()
    world = _a11y.build_world(tmp_path)
    print("world", time.time()-t)
    crawls=[]
    for role in _a11y.ROLES:
        t=time.time()
        client.logout()
        if world.users[role]: client.force_login(world.users[role])
        c = _a11y.crawl(client, role=role, start=["/"]+world.extra_urls[role])
        crawls.append(c)
        print(role, len(c.pages), "pages", time.time()-t)
        for p in c.pages: print("   ", p)
    print("UNREACHED", _a11y.unreached_routes(crawls, {}))
    for c in crawls:
        for k,v in c.met.items():
            if not v.startswith("page"): print(c.role, k, v)
