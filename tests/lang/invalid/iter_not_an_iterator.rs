// A number is not something to loop over.
async fn main() {
    let n: u32 = 3;
    for i in n {
        println!("{}", i);
    }
}
