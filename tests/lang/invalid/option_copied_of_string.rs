fn main() {
    let s = String::from("x");
    let a = Some(&s);
    let b: Option<String> = a.copied();
}
