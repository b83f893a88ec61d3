"""Steps the desk's browser tests share."""


def open_desk_menu(page, href):
    """The sidebar's Desk menu, then one of its entries."""
    item = page.locator(".sidebar-main-menu > ul > li").filter(
        has=page.locator(f'a[href="{href}"]')
    )
    item.locator(":scope > button").click()
    item.locator(f'a[href="{href}"]').click()


def settled(page):
    """Wait until the admin's messages have faded in (axe reads colours mid-fade otherwise)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.messages > ul')]"
        ".every(ul => getComputedStyle(ul).opacity === '1')"
    )
