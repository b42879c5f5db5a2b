#!/usr/bin/env python3
"""The web page of `adlaw serve` in a real browser (Debian's chromium, headless, driven by
selenium): paste copy and see the highlight and the explanation; upload a .docx and see its
findings with their locations; a phone-width layout; the keyboard path. Saves a screenshot of
each state under docs/. Run by scripts/browser-test.sh (which installs what it needs).

Usage: web_page_test.py ADLAW_BINARY [--screenshots DIR]
"""
import argparse
import os
import random
import subprocess
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COPY = "元氣紅棗飲\n嚴選臺灣紅棗，低溫熬煮。\n每天一杯，預防感冒，讓全家人元氣滿滿。\n網路限定特價，恕不退換。\n"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def shot(driver, folder, name):
    path = os.path.join(folder, name)
    check(driver.save_screenshot(path), f"screenshot {path}")


def start_server(adlaw):
    for _ in range(5):
        port = random.randint(20000, 40000)
        env = dict(os.environ, ADLAW_RULES_DIR=os.path.join(ROOT, "Rules"))
        process = subprocess.Popen([adlaw, "serve", "--port", str(port), "--no-config"], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return process, port
            except OSError:
                time.sleep(0.1)
            if process.poll() is not None:
                break
        process.kill()
    sys.exit("the server did not start")


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-TW",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("adlaw")
    parser.add_argument("--screenshots", default=os.path.join(ROOT, "docs"))
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    server, port = start_server(os.path.abspath(args.adlaw))
    url = f"http://127.0.0.1:{port}/"
    driver = browser(1280, 1000)
    try:
        wait = WebDriverWait(driver, 30)
        # 1. Paste copy, choose the product type, check.
        driver.get(url)
        wait.until(lambda d: len(Select(d.find_element(By.ID, "sector")).options) > 1)
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hant-TW", "the page is zh-Hant-TW")
        driver.find_element(By.ID, "text").send_keys(COPY)
        Select(driver.find_element(By.ID, "sector")).select_by_value("food")
        driver.find_element(By.ID, "check").click()
        wait.until(lambda d: d.find_element(By.ID, "verdict").text != "尚未檢查")
        verdict = driver.find_element(By.ID, "verdict").text
        check("不得刊登" in verdict, f"the verdict line says 不得刊登 ({verdict})")
        marks = driver.find_elements(By.CSS_SELECTOR, "#shown mark.error")
        check(any(m.text == "預防感冒" for m in marks), "預防感冒 is highlighted as an error in the text")
        check(any(m.text == "恕不退換" for m in marks), "恕不退換 is highlighted as an error in the text")
        shot(driver, args.screenshots, "web-page-check.png")
        # 2. Click the highlight: the law, the penalty, why, what to write instead.
        next(m for m in marks if m.text == "預防感冒").click()
        wait.until(lambda d: "為什麼" in d.find_element(By.ID, "detail").text)
        detail = driver.find_element(By.ID, "detail").text
        check("食品安全衛生管理法" in detail and "第28條" in detail, "the detail names the law and article")
        check("罰則" in detail and "萬元" in detail, "the detail gives the penalty")
        check("建議寫法" in detail, "the detail gives the suggestion")
        check(len(driver.find_elements(By.ID, "copy")) == 1, "the suggestion has a copy button")
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#detail a")]
        check(any(link and "law.moj.gov.tw" in link for link in links), "the detail links the law text")
        shot(driver, args.screenshots, "web-page-finding.png")
        # 3. Keyboard: a finding in the list opens with Enter.
        item = driver.find_elements(By.CSS_SELECTOR, "#findings .finding")[-1]
        item.send_keys(Keys.ENTER)
        wait.until(lambda d: "恕不退換" in d.find_element(By.ID, "detail").text or "消費者保護法" in d.find_element(By.ID, "detail").text)
        check("消費者保護法" in driver.find_element(By.ID, "detail").text, "Enter on a finding in the list opens its explanation")
        # 4. Upload a .docx: its findings with their locations.
        driver.get(url)
        wait.until(lambda d: len(Select(d.find_element(By.ID, "sector")).options) > 1)
        docx = os.path.join(ROOT, "Corpus/formats/campaign-plan.docx")
        driver.find_element(By.ID, "file").send_keys(docx)
        driver.find_element(By.ID, "check").click()
        wait.until(lambda d: d.find_element(By.ID, "verdict").text != "尚未檢查")
        items = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#findings .finding")]
        check(len(items) > 0 and all("word/document.xml" in t or "¶" in t for t in items),
              f"the .docx's findings show their locations ({len(items)} findings)")
        check(not driver.find_element(By.ID, "audit").get_attribute("hidden"), "an audit report can be downloaded for the upload")
        # The page sends files as multipart/form-data; the same form from this browser gets the audit report.
        audit = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const form = new FormData();
            form.append("file", document.getElementById("file").files[0]);
            fetch("/v1/audit", { method: "POST", body: form })
              .then(async r => done([r.status, (await r.text()).slice(0, 400)])).catch(e => done([0, String(e)]));
        """)
        check(audit[0] == 200 and "審閱報告" in audit[1], f"a multipart upload from the browser gets the audit report ({audit[0]})")
        shot(driver, args.screenshots, "web-page-upload.png")
    finally:
        driver.quit()
    # 5. A phone's width: one column, nothing wider than the screen.
    phone = browser(390, 844)
    try:
        phone.get(url)
        WebDriverWait(phone, 30).until(lambda d: len(Select(d.find_element(By.ID, "sector")).options) > 1)
        phone.find_element(By.ID, "text").send_keys(COPY)
        phone.find_element(By.ID, "check").click()
        WebDriverWait(phone, 30).until(lambda d: d.find_element(By.ID, "verdict").text != "尚未檢查")
        overflow = phone.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 0, f"nothing is wider than a phone's screen (overflow {overflow}px)")
        shot(phone, args.screenshots, "web-page-phone.png")
    finally:
        phone.quit()
        server.terminate()
        server.wait()
    print(f"{len(failures)} failed" if failures else "all passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
