fn main() {
    let a = Some(5);
    let b = a.cloned();
}
