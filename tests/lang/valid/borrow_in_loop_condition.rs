// `v.len()` in the condition borrows only for the comparison; the body pushes.
async fn main() {
    let mut v = vec![0];
    while v.len() < 4 {
        let last = v[v.len() - 1];
        v.push(last + 1);
    }
    println!("{}", v.len());
}
